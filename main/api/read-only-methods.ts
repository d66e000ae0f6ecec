/**
 * Calls that change nothing in the library: open pages need not refetch after them (server.ts),
 * and they go on while an import holds the library's write lock (router.ts).
 */
export function isReadOnlyMethod(method: string): boolean {
  return (
    /\.(get|list|query|info|check|matrix|stances|graph|versions|diff|snapshot|extract|bookmarklet|resolve|export)$/.test(method) ||
    (method.startsWith('search.') && !/^search\.saved\.(save|delete)$/.test(method)) ||
    method === 'export.run' ||
    method === 'library.backup' ||
    // They stop a job: nothing to announce, and import.stop must not wait for the import it stops.
    method === 'import.stop' ||
    method === 'export.stop'
  );
}
