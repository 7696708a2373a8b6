// Path helpers that work on URI paths (forward slashes) in every kind of workspace.

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}
