// Why a file could not be read or written, from its error code, in words ("… cannot be read: permission
// denied"). One table for the user's own files (files.ts) and the guide folders (guides/read.ts). Pure.

const TEXTS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on device',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error',
};

/** The reason in words; an unknown code as itself (never the error's message, which holds the raw path). */
export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined) return TEXTS[code] ?? code;
  return (err as Error | undefined)?.message ?? String(err);
}
