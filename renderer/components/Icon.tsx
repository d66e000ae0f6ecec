/**
 * A small inline-SVG icon set (no icon font: the CSP allows fonts from 'self' only, and SVG
 * follows `currentColor`). Icons are decorative: the control carrying one always has a text label.
 */
const PATHS = {
  library: 'M4 4h3v16H4zM9 4h3v16H9zM14.2 4.6l2.9-.8 4 15.4-2.9.8z',
  quote: 'M7 7h4v4c0 3-1.5 5-4 6l-.7-1.2C8 15 8.8 13.8 9 12H7zm7 0h4v4c0 3-1.5 5-4 6l-.7-1.2C15 15 15.8 13.8 16 12h-2z',
  speaker: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6z',
  topic: 'M5 4h14v3H5zM5 10h14v3H5zM5 16h9v3H5z',
  note: 'M6 3h9l4 4v14H6zm8 1v4h4M9 12h7M9 15h7M9 18h4',
  collection: 'M3 6h7l2 2h9v11H3z',
  tag: 'M3 12V4h8l10 10-8 8zM7.5 9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13M10 11v6M14 11v6',
  plus: 'M12 5v14M5 12h14',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 20 20',
  close: 'M6 6l12 12M18 6 6 18',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  alert: 'M12 4 2.5 20h19zM12 10v4.5M12 17v.5',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  restore: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v5h5',
  panel: 'M3 4h18v16H3zM15 4v16',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  arrowLeft: 'M19 12H5M11 6l-6 6 6 6',
} as const;

export type IconName = keyof typeof PATHS;

const FILLED = new Set<IconName>(['library', 'quote', 'speaker']);

export function Icon({ name, className, size = 16 }: { name: IconName; className?: string; size?: number }) {
  const filled = FILLED.has(name);
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke={filled ? 'none' : 'currentColor'}
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
