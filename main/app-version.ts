import pkg from '../package.json';

/** The app's version, from package.json (one source of truth for the CLI, server and app; bundlers inline it). */
export const APP_VERSION: string = pkg.version;
