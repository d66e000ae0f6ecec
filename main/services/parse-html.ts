import { lazyModule } from '../lazy-module';

const loadLinkedom = lazyModule<typeof import('linkedom')>('linkedom');

/**
 * linkedom's `parseHTML`, with linkedom loaded when HTML is first parsed rather than at start-up
 * (lazy-module.ts): reading and searching the library never parse HTML in the main process.
 */
export const parseHTML = (html: string): ReturnType<typeof import('linkedom').parseHTML> => loadLinkedom().parseHTML(html);
