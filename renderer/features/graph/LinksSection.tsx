import type { ItemType, Link } from '../../../shared/domain/entities';
import { Icon } from '../../components/Icon';
import { hostOf } from '../../lib/format';
import { LinkTools } from './LinkTools';
import { BACKLINK_LABELS, LINK_LABELS } from './link-labels';
import './graph.css';

export interface LinksSectionProps {
  itemId: string;
  links: readonly Link[];
  backlinks: readonly Link[];
  onOpenItem(id: string, type: ItemType): void;
  /** Heading level class for the detail pane the section sits in. */
  headingClassName?: string;
}

/** An item's links, its backlinks (the same relations read from the other end), and Add link / Graph. */
export function LinksSection({ itemId, links, backlinks, onOpenItem, headingClassName = 'detail-pane__heading' }: LinksSectionProps) {
  return (
    <section className="links-section" aria-label="Links">
      <h3 className={headingClassName}>Links ({links.length})</h3>
      <LinkRows links={links} direction="outgoing" onOpenItem={onOpenItem} />
      <h3 className={headingClassName}>Backlinks ({backlinks.length})</h3>
      <LinkRows links={backlinks} direction="incoming" onOpenItem={onOpenItem} />
      <LinkTools itemId={itemId} onOpenItem={onOpenItem} />
    </section>
  );
}

export function LinkRows({ links, direction, onOpenItem }: { links: readonly Link[]; direction: 'outgoing' | 'incoming'; onOpenItem(id: string, type: ItemType): void }) {
  if (links.length === 0) {
    return <p className="muted">{direction === 'outgoing' ? 'Links to nothing yet.' : 'Nothing links here yet.'}</p>;
  }
  return (
    <ul className="plain-list link-rows" aria-label={direction === 'outgoing' ? 'Links' : 'Backlinks'}>
      {links.map((link) => {
        const otherId = direction === 'outgoing' ? link.toId : link.fromId;
        const otherType = direction === 'outgoing' ? link.toType : link.fromType;
        const title = (direction === 'outgoing' ? link.toTitle : link.fromTitle) || link.toUrl || '';
        const label = (direction === 'outgoing' ? LINK_LABELS : BACKLINK_LABELS)[link.type];
        return (
          <li key={link.id} className="link-rows__item">
            <span className={`link-type link-type--${link.type}`}>{label}</span>
            {otherType === 'url' && link.toUrl ? (
              <a href={link.toUrl} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" className="link-rows__target">
                <Icon name="external" size={12} /> {link.toTitle || hostOf(link.toUrl) || link.toUrl}
              </a>
            ) : otherId && otherType !== 'url' ? (
              <button type="button" className="link-button link-rows__target" onClick={() => onOpenItem(otherId, otherType)}>
                {title}
              </button>
            ) : (
              <span className="link-rows__target">{title}</span>
            )}
            {link.note && <span className="link-rows__note">{link.note}</span>}
          </li>
        );
      })}
    </ul>
  );
}
