// @citation-js/core and @citation-js/plugin-csl ship no type declarations; this is the small part
// of their API the notes work uses (https://citation.js.org/api/0.7/).
declare module '@citation-js/core' {
  export interface FormatOptions {
    format?: 'text' | 'html';
    template?: string;
    lang?: string;
    entry?: string | string[];
    asEntryArray?: boolean;
  }
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(kind: 'bibliography', options: FormatOptions & { asEntryArray: true }): [string, string][];
    format(kind: 'bibliography' | 'citation', options?: FormatOptions): string;
  }
  export const plugins: {
    config: { get(name: '@csl'): { templates: { add(name: string, xml: string): void; has(name: string): boolean } } };
  };
}
declare module '@citation-js/plugin-csl';
