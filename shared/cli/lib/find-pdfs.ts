/** The PDFs a command line names: files as given, folders searched recursively. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The PDFs named by a path: the file itself, or every *.pdf below a folder (sorted). */
export function findPdfs(target: string): string[] {
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new UsageError(`no such file or folder: ${target}`);
  }
  if (st.isFile()) {
    if (!target.toLowerCase().endsWith('.pdf')) throw new UsageError(`not a .pdf file: ${target}`);
    return [target];
  }
  const out: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (!entry.name.toLowerCase().endsWith('.pdf')) continue;
    const file = path.join(entry.parentPath ?? (entry as any).path, entry.name);
    // A folder of links to PDFs kept elsewhere is a common way to pick files; follow the links.
    if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(file))) out.push(file);
  }
  if (!out.length) throw new UsageError(`no .pdf files under ${target}`);
  return out.sort();
}

function isFileBehindLink(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false; // a dangling link
  }
}

