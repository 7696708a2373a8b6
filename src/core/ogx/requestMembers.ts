// A request object read once, from its text, for hashing: each member is dumped while it is read,
// so the recipes that hash a member as written (legacy, tool) never build a tree for it.

import { PyParser, type PyJson } from './pythonJsonParse';

/** What the hash recipes read from a request: read from its text (RequestMembers) or from its parsed value (requestFromValue.ts). */
export interface HashableRequest {
  has(key: string): boolean;
  /** The member as `json.dumps(member, sort_keys=True)` writes it. */
  dumped(key: string): string | undefined;
  /** The member's value when it is a string. */
  str(key: string): string | undefined;
  /** The member as json.loads builds it, for the recipes that rewrite it. */
  tree(key: string): PyJson | undefined;
}

export interface RequestMember {
  /** Where the value starts in the text. */
  readonly at: number;
  readonly dumped: string;
}

/**
 * A request object read once for hashing. Each member is kept as its sorted dump, which is what the
 * legacy and tool recipes hash; a tree is parsed only for a member a normalized recipe rewrites.
 */
export class RequestMembers implements HashableRequest {
  private readonly trees = new Map<string, PyJson>();

  constructor(
    private readonly text: string,
    private readonly members: ReadonlyMap<string, RequestMember>,
  ) {}

  has(key: string): boolean {
    return this.members.has(key);
  }

  dumped(key: string): string | undefined {
    return this.members.get(key)?.dumped;
  }

  /** The member's value when it is a string (a dump starting with a quote). */
  str(key: string): string | undefined {
    const member = this.members.get(key);
    if (member === undefined || member.dumped.charCodeAt(0) !== 0x22) return undefined;
    const p = new PyParser(this.text);
    p.pos = member.at;
    return p.string();
  }

  tree(key: string): PyJson | undefined {
    const member = this.members.get(key);
    if (member === undefined) return undefined;
    let tree = this.trees.get(key);
    if (tree === undefined) {
      const p = new PyParser(this.text);
      p.pos = member.at;
      tree = p.value();
      this.trees.set(key, tree);
    }
    return tree;
  }
}

/**
 * Reads the request whose value starts at `start` (white space allowed); undefined when it is not an
 * object, which no recipe hashes. Throws where parsePythonJson would: `whole` also requires the text
 * to end with the value.
 */
export function readRequest(text: string, start = 0, whole = false): RequestMembers | undefined {
  const p = new PyParser(text);
  p.pos = start;
  const members = p.members();
  if (whole) {
    p.skipWs();
    if (p.pos !== text.length) p.fail('Extra data');
  }
  return members === undefined ? undefined : new RequestMembers(text, members);
}

