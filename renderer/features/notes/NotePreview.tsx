import { Fragment, useMemo, type ReactNode } from 'react';
import { isSafeHref, parseMarkdown, type Block, type Inline } from '../../../shared/notes/markdown-ast';
import type { CitationStyle } from '../../../shared/notes/resolved';
import { EmbedCard, EmbedChip, type EmbedActions } from './EmbedCard';

/**
 * The note rendered: the same Markdown tree as the HTML and DOCX exports (shared/notes), drawn as
 * React elements (no innerHTML). Raw HTML in the note shows as text.
 */
export function NotePreview({ body, title, actions, citationStyle }: { body: string; title?: string; actions: EmbedActions; citationStyle: CitationStyle | null }) {
  const blocks = useMemo(() => parseMarkdown(body), [body]);
  return (
    <div className="note-preview">
      {title !== undefined && <h1 className="note-preview__title">{title || 'Untitled note'}</h1>}
      {blocks.length === 0 ? <p className="muted">Nothing written yet.</p> : <Blocks blocks={blocks} actions={actions} citationStyle={citationStyle} />}
    </div>
  );
}

function Blocks({ blocks, actions, citationStyle }: { blocks: readonly Block[]; actions: EmbedActions; citationStyle: CitationStyle | null }) {
  return (
    <>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} actions={actions} citationStyle={citationStyle} />
      ))}
    </>
  );
}

function BlockView({ block: b, actions, citationStyle }: { block: Block; actions: EmbedActions; citationStyle: CitationStyle | null }): ReactNode {
  const inl = (items: readonly Inline[]) => <Inlines items={items} actions={actions} />;
  switch (b.t) {
    case 'heading': {
      const H = `h${Math.min(6, b.level + 1)}` as 'h2';
      return <H>{inl(b.children)}</H>;
    }
    case 'paragraph':
      return <p>{inl(b.children)}</p>;
    case 'embed':
      return <EmbedCard token={b.token} actions={actions} citationStyle={citationStyle} />;
    case 'quote':
      return (
        <blockquote>
          <Blocks blocks={b.children} actions={actions} citationStyle={citationStyle} />
        </blockquote>
      );
    case 'list': {
      const items = b.items.map((item, i) => (
        <li key={i}>
          {item.checked !== null && <input type="checkbox" checked={item.checked} readOnly aria-label={item.checked ? 'Done' : 'Not done'} />}
          <Blocks blocks={item.children} actions={actions} citationStyle={citationStyle} />
        </li>
      ));
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      return (
        <pre>
          <code>{b.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
    case 'html':
      return <pre className="note-preview__raw">{b.text}</pre>;
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {b.header.map((c, i) => (
                <th key={i}>{inl(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((row, r) => (
              <tr key={r}>
                {row.map((c, i) => (
                  <td key={i}>{inl(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

function Inlines({ items, actions }: { items: readonly Inline[]; actions: EmbedActions }): ReactNode {
  return items.map((i, k) => {
    switch (i.t) {
      case 'text':
        return <Fragment key={k}>{i.text}</Fragment>;
      case 'em':
        return (
          <em key={k}>
            <Inlines items={i.children} actions={actions} />
          </em>
        );
      case 'strong':
        return (
          <strong key={k}>
            <Inlines items={i.children} actions={actions} />
          </strong>
        );
      case 'del':
        return (
          <del key={k}>
            <Inlines items={i.children} actions={actions} />
          </del>
        );
      case 'code':
        return <code key={k}>{i.text}</code>;
      case 'break':
        return <br key={k} />;
      case 'link':
        return isSafeHref(i.href) ? (
          <a key={k} href={i.href} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
            <Inlines items={i.children} actions={actions} />
          </a>
        ) : (
          <Inlines key={k} items={i.children} actions={actions} />
        );
      case 'image':
        // Remote images are not loaded from notes (offline-first, nothing leaks): a link instead.
        return isSafeHref(i.src) ? (
          <a key={k} href={i.src} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
            [image{i.alt ? `: ${i.alt}` : ''}]
          </a>
        ) : (
          <Fragment key={k}>[image{i.alt ? `: ${i.alt}` : ''}]</Fragment>
        );
      case 'embed':
        return <EmbedChip key={k} token={i.token} actions={actions} />;
    }
  });
}
