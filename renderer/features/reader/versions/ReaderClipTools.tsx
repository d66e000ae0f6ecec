import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Article } from '../../../../shared/domain/entities';
import { call } from '../../../api/client';
import { useToast } from '../../../components/Toasts';
import { useLibrary } from '../../../lib/library-context';
import { SnapshotDialog } from './SnapshotDialog';
import { VersionsDialog } from './VersionsDialog';
import './versions.css';

/**
 * The reader toolbar's clipping tools: the versions a re-clip kept (a button, when there is more
 * than one), and a small menu with the original page as clipped and re-extraction from it (when
 * a snapshot is stored; a pasted article has none). The menu keeps the toolbar on one line.
 */
export function ReaderClipTools({ article }: { article: Article }) {
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [open, setOpen] = useState<'snapshot' | 'versions' | null>(null);
  const [isReextracting, setIsReextracting] = useState(false);
  const hasSnapshot = article.snapshotPath !== null;

  const reextract = async () => {
    setIsReextracting(true);
    try {
      const result = await call('articles.reextract', { id: article.id });
      invalidate();
      toast.info(
        result.updated
          ? `Re-extracted “${article.title}”: the new text is version ${result.version}; the previous one is kept under Versions.`
          : `Re-extracted “${article.title}”: the text is unchanged.`,
      );
    } catch (error) {
      toast.error(error, `Could not re-extract “${article.title}”`);
    } finally {
      setIsReextracting(false);
    }
  };

  if (!hasSnapshot && article.version <= 1) return null;
  return (
    <>
      {article.version > 1 && (
        <button type="button" className="button button--ghost button--small reader-tools__versions" onClick={() => setOpen('versions')} title={`Compare the ${article.version} versions of this article`}>
          <svg className="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3.5 4v4.5H8M12 7.5V12l3 2" />
          </svg>
          <span className="reader-tools__label">Versions</span>
          <span className="reader-tools__badge">{article.version}</span>
        </button>
      )}
      {hasSnapshot && (
        <ToolsMenu
          label="Original page"
          items={[
            { label: 'View original snapshot', run: () => setOpen('snapshot') },
            { label: isReextracting ? 'Re-extracting…' : 'Re-extract', run: () => void reextract(), disabled: isReextracting },
          ]}
        />
      )}
      {open === 'snapshot' && <SnapshotDialog article={article} onClose={() => setOpen(null)} />}
      {open === 'versions' && <VersionsDialog article={article} onClose={() => setOpen(null)} />}
    </>
  );
}

interface MenuItem {
  label: string;
  run(): void;
  disabled?: boolean;
}

/** A menu button (WAI-ARIA menu pattern): arrows move, Esc and Tab close, the focus goes back. */
function ToolsMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!isOpen) return;
    itemRefs.current.find((el) => el && !el.disabled)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const close = (refocus: boolean) => {
    setIsOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = itemRefs.current.filter((el): el is HTMLButtonElement => el !== null && !el.disabled);
    const index = enabled.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      enabled[(index + step + enabled.length) % enabled.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      enabled[event.key === 'Home' ? 0 : enabled.length - 1]?.focus();
    } else if (event.key === 'Escape') {
      // Handled here so the Esc does not also reach a dialog or the app's shortcuts.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <span className="tools-menu">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button tools-menu__button"
        aria-label={label}
        title={`${label}: snapshot, re-extract`}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        onClick={() => setIsOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !isOpen) {
            event.preventDefault();
            setIsOpen(true);
          }
        }}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
          <circle cx="5" cy="12" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="19" cy="12" r="1.8" />
        </svg>
      </button>
      {isOpen && (
        <div ref={menuRef} id={menuId} role="menu" aria-label={label} className="tools-menu__list" onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <button
              key={item.label}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="tools-menu__item"
              disabled={item.disabled}
              onClick={() => {
                close(true);
                item.run();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
