import { Component, type ErrorInfo, type ReactNode } from 'react';

/** A crash in rendering shows what happened and a way out, instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('[sourcebook] render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>Sourcebook hit a bug and stopped drawing this window.</h1>
        <p>Your library is safe: every change was saved when you made it.</p>
        <pre className="crash__detail">{this.state.error.message}</pre>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </div>
    );
  }
}
