import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import type { ClipProblem } from './clip-problem';

/** A failed clip in a form: headline, the API's sentence, what to try; an optional action. */
export function ClipProblemView({ problem, action }: { problem: ClipProblem; action?: ReactNode }) {
  return (
    <div className="clip-problem" role="alert">
      <Icon name="alert" className="clip-problem__icon" />
      <div className="clip-problem__body">
        <p className="clip-problem__title">{problem.title}</p>
        <p className="clip-problem__message">{problem.message}</p>
        {problem.hint && <p className="clip-problem__hint">{problem.hint}</p>}
        {action && <div className="clip-problem__action">{action}</div>}
      </div>
    </div>
  );
}
