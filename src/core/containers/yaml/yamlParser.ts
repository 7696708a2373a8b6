// The YAML parser: tokens to events, PyYAML's state machine with an explicit stack of states, so nesting
// costs heap, not call stack.
import type { YamlEvent } from './yamlEvents';
import type { YamlScanner } from './yamlScanner';
import { YamlSyntaxError } from './yamlSyntaxError';
import { describeToken, type Token, type TokenKind } from './yamlTokens';

type State = () => YamlEvent;

const DEFAULT_HANDLES: readonly (readonly [string, string])[] = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

/** Where a parser resumes after a syntax error: inside the document's root block mapping, or in a sequence that is one of its values. */
export type ParserResume = 'root-mapping' | 'indentless-sequence' | 'block-sequence';

export class YamlParser {
  private state: State | undefined;
  private readonly states: State[] = [];
  private handles = new Map<string, string>(DEFAULT_HANDLES);

  constructor(
    private readonly scanner: YamlScanner,
    resume?: { readonly at: ParserResume; readonly handles: ReadonlyMap<string, string> },
  ) {
    if (!resume) {
      this.state = this.parseStreamStart;
      return;
    }
    this.handles = new Map(resume.handles);
    this.states.push(this.parseDocumentEnd);
    if (resume.at === 'root-mapping') this.state = this.parseBlockMappingKey;
    else {
      this.states.push(this.parseBlockMappingKey);
      this.state = resume.at === 'indentless-sequence' ? this.parseIndentlessSequenceEntry : this.parseBlockSequenceEntry;
    }
  }

  /** Tag handles of the document being read (kept for a resumed parse). */
  tagHandles(): ReadonlyMap<string, string> {
    return this.handles;
  }

  /** The next event, or undefined after the end of the stream. Throws YamlSyntaxError. */
  next(): YamlEvent | undefined {
    const state = this.state;
    return state ? state() : undefined;
  }

  private pop(): State | undefined {
    return this.states.pop();
  }

  private check(...kinds: TokenKind[]): boolean {
    return this.scanner.check(...kinds);
  }

  private fail(token: Token, expected: string, context?: string): never {
    throw new YamlSyntaxError(token.start, `${context ? `while parsing ${context}, ` : ''}expected ${expected}, but found ${describeToken(token)}`);
  }

  private empty(at: number, anchor?: string, tag: string | null = null): YamlEvent {
    return { type: 'scalar', anchor, tag, token: undefined, start: at };
  }

  private readonly parseStreamStart = (): YamlEvent => {
    this.scanner.next();
    this.state = this.parseImplicitDocumentStart;
    return { type: 'stream-start' };
  };

  private readonly parseImplicitDocumentStart = (): YamlEvent => {
    if (this.check('directive', 'document-start', 'stream-end')) return this.parseDocumentStart();
    this.handles = new Map(DEFAULT_HANDLES);
    this.states.push(this.parseDocumentEnd);
    this.state = this.parseBlockNode;
    return { type: 'document-start', start: this.scanner.peek().start, explicit: false };
  };

  private readonly parseDocumentStart = (): YamlEvent => {
    while (this.check('document-end')) this.scanner.next();
    if (this.check('stream-end')) {
      const token = this.scanner.next();
      this.state = undefined;
      return { type: 'stream-end', start: token.start };
    }
    const start = this.scanner.peek().start;
    this.processDirectives();
    if (!this.check('document-start')) this.fail(this.scanner.peek(), "'---' (a document start)");
    this.scanner.next();
    this.states.push(this.parseDocumentEnd);
    this.state = this.parseDocumentContent;
    return { type: 'document-start', start, explicit: true };
  };

  private readonly parseDocumentEnd = (): YamlEvent => {
    const token = this.scanner.peek();
    if (token.kind === 'document-end') this.scanner.next();
    this.state = this.parseDocumentStart;
    return { type: 'document-end', start: token.start };
  };

  private readonly parseDocumentContent = (): YamlEvent => {
    if (this.check('directive', 'document-start', 'document-end', 'stream-end')) {
      this.state = this.pop();
      return this.empty(this.scanner.peek().start);
    }
    return this.parseBlockNode();
  };

  private processDirectives(): void {
    this.handles = new Map();
    let version = false;
    while (this.check('directive')) {
      const token = this.scanner.next();
      if (token.value === 'YAML') {
        if (version) throw new YamlSyntaxError(token.start, 'found a second %YAML directive');
        version = true;
        if (!(token.args?.[0] ?? '').startsWith('1.')) throw new YamlSyntaxError(token.start, `found YAML version ${token.args?.[0] ?? ''}; this reader knows 1.x`);
      } else if (token.value === 'TAG') {
        const [handle = '', prefix = ''] = token.args ?? [];
        if (this.handles.has(handle)) throw new YamlSyntaxError(token.start, `found a second %TAG directive for ${handle}`);
        this.handles.set(handle, prefix);
      }
    }
    for (const [handle, prefix] of DEFAULT_HANDLES) if (!this.handles.has(handle)) this.handles.set(handle, prefix);
  }

  private readonly parseBlockNode = (): YamlEvent => this.parseNode(true, false);
  private readonly parseFlowNode = (): YamlEvent => this.parseNode(false, false);
  private readonly parseBlockNodeOrIndentlessSequence = (): YamlEvent => this.parseNode(true, true);

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent {
    if (this.check('alias')) {
      const token = this.scanner.next();
      this.state = this.pop();
      return { type: 'alias', name: token.value ?? '', start: token.start, end: token.end };
    }
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    let propsEnd = -1;
    for (let k = 0; k < 2; k++) {
      if (anchor === undefined && this.check('anchor')) {
        const token = this.scanner.next();
        anchor = token.value;
        propsEnd = token.end;
      } else if (tagToken === undefined && this.check('tag')) {
        tagToken = this.scanner.next();
        propsEnd = tagToken.end;
      }
    }
    let tag: string | null = null;
    if (tagToken) {
      const handle = tagToken.handle;
      const suffix = tagToken.value ?? '';
      if (handle === null || handle === undefined) tag = suffix;
      else {
        const prefix = this.handles.get(handle);
        if (prefix === undefined) throw new YamlSyntaxError(tagToken.start, `found the tag handle ${handle}, which no %TAG directive defines`);
        tag = prefix + suffix;
      }
    }
    const token = this.scanner.peek();
    if (indentlessSequence && token.kind === 'block-entry') {
      this.state = this.parseIndentlessSequenceEntry;
      return { type: 'sequence-start', anchor, tag, start: token.start, flow: false };
    }
    switch (token.kind) {
      case 'scalar':
        this.scanner.next();
        this.state = this.pop();
        return { type: 'scalar', anchor, tag, token, start: token.start };
      case 'flow-sequence-start':
        this.state = this.parseFlowSequenceFirstEntry;
        return { type: 'sequence-start', anchor, tag, start: token.start, flow: true };
      case 'flow-mapping-start':
        this.state = this.parseFlowMappingFirstKey;
        return { type: 'mapping-start', anchor, tag, start: token.start, flow: true };
      case 'block-sequence-start':
        if (!block) break;
        this.state = this.parseBlockSequenceFirstEntry;
        return { type: 'sequence-start', anchor, tag, start: token.start, flow: false };
      case 'block-mapping-start':
        if (!block) break;
        this.state = this.parseBlockMappingFirstKey;
        return { type: 'mapping-start', anchor, tag, start: token.start, flow: false };
      default:
        break;
    }
    if (anchor !== undefined || tagToken !== undefined) {
      this.state = this.pop();
      return this.empty(propsEnd, anchor, tag);
    }
    return this.fail(token, 'a value', block ? 'a block node' : 'a flow node');
  }

  private readonly parseBlockSequenceFirstEntry = (): YamlEvent => {
    this.scanner.next();
    return this.parseBlockSequenceEntry();
  };

  private readonly parseBlockSequenceEntry = (): YamlEvent => {
    if (this.check('block-entry')) {
      const token = this.scanner.next();
      if (!this.check('block-entry', 'block-end')) {
        this.states.push(this.parseBlockSequenceEntry);
        return this.parseBlockNode();
      }
      this.state = this.parseBlockSequenceEntry;
      return this.empty(token.end);
    }
    if (!this.check('block-end')) this.fail(this.scanner.peek(), "another '- ' entry or the end of the sequence", 'a block sequence');
    this.scanner.next();
    this.state = this.pop();
    return { type: 'sequence-end', end: undefined };
  };

  private readonly parseIndentlessSequenceEntry = (): YamlEvent => {
    if (this.check('block-entry')) {
      const token = this.scanner.next();
      if (!this.check('block-entry', 'key', 'value', 'block-end')) {
        this.states.push(this.parseIndentlessSequenceEntry);
        return this.parseBlockNode();
      }
      this.state = this.parseIndentlessSequenceEntry;
      return this.empty(token.end);
    }
    this.state = this.pop();
    return { type: 'sequence-end', end: undefined };
  };

  private readonly parseBlockMappingFirstKey = (): YamlEvent => {
    this.scanner.next();
    return this.parseBlockMappingKey();
  };

  private readonly parseBlockMappingKey = (): YamlEvent => {
    if (this.check('key')) {
      const token = this.scanner.next();
      if (!this.check('key', 'value', 'block-end')) {
        this.states.push(this.parseBlockMappingValue);
        return this.parseBlockNodeOrIndentlessSequence();
      }
      this.state = this.parseBlockMappingValue;
      return this.empty(token.end);
    }
    if (!this.check('block-end')) this.fail(this.scanner.peek(), 'another key or the end of the mapping', 'a block mapping');
    this.scanner.next();
    this.state = this.pop();
    return { type: 'mapping-end', end: undefined };
  };

  private readonly parseBlockMappingValue = (): YamlEvent => {
    if (this.check('value')) {
      const token = this.scanner.next();
      if (!this.check('key', 'value', 'block-end')) {
        this.states.push(this.parseBlockMappingKey);
        return this.parseBlockNodeOrIndentlessSequence();
      }
      this.state = this.parseBlockMappingKey;
      return this.empty(token.end);
    }
    this.state = this.parseBlockMappingKey;
    return this.empty(this.scanner.peek().start);
  };

  private readonly parseFlowSequenceFirstEntry = (): YamlEvent => {
    this.scanner.next();
    return this.parseFlowSequenceEntry(true);
  };

  private readonly parseFlowSequenceNextEntry = (): YamlEvent => this.parseFlowSequenceEntry(false);

  private parseFlowSequenceEntry(first: boolean): YamlEvent {
    if (!this.check('flow-sequence-end')) {
      if (!first) {
        if (this.check('flow-entry')) this.scanner.next();
        else this.fail(this.scanner.peek(), "',' or ']'", 'a flow sequence');
      }
      if (this.check('key')) {
        const token = this.scanner.peek();
        this.state = this.parseFlowSequenceEntryMappingKey;
        return { type: 'mapping-start', anchor: undefined, tag: null, start: token.start, flow: true };
      }
      if (!this.check('flow-sequence-end')) {
        this.states.push(this.parseFlowSequenceNextEntry);
        return this.parseFlowNode();
      }
    }
    const token = this.scanner.next();
    this.state = this.pop();
    return { type: 'sequence-end', end: token.end };
  }

  private readonly parseFlowSequenceEntryMappingKey = (): YamlEvent => {
    const token = this.scanner.next();
    if (!this.check('value', 'flow-entry', 'flow-sequence-end')) {
      this.states.push(this.parseFlowSequenceEntryMappingValue);
      return this.parseFlowNode();
    }
    this.state = this.parseFlowSequenceEntryMappingValue;
    return this.empty(token.end);
  };

  private readonly parseFlowSequenceEntryMappingValue = (): YamlEvent => {
    if (this.check('value')) {
      const token = this.scanner.next();
      if (!this.check('flow-entry', 'flow-sequence-end')) {
        this.states.push(this.parseFlowSequenceEntryMappingEnd);
        return this.parseFlowNode();
      }
      this.state = this.parseFlowSequenceEntryMappingEnd;
      return this.empty(token.end);
    }
    this.state = this.parseFlowSequenceEntryMappingEnd;
    return this.empty(this.scanner.peek().start);
  };

  private readonly parseFlowSequenceEntryMappingEnd = (): YamlEvent => {
    this.state = this.parseFlowSequenceNextEntry;
    return { type: 'mapping-end', end: undefined };
  };

  private readonly parseFlowMappingFirstKey = (): YamlEvent => {
    this.scanner.next();
    return this.parseFlowMappingKey(true);
  };

  private readonly parseFlowMappingNextKey = (): YamlEvent => this.parseFlowMappingKey(false);

  private parseFlowMappingKey(first: boolean): YamlEvent {
    if (!this.check('flow-mapping-end')) {
      if (!first) {
        if (this.check('flow-entry')) this.scanner.next();
        else this.fail(this.scanner.peek(), "',' or '}'", 'a flow mapping');
      }
      if (this.check('key')) {
        const token = this.scanner.next();
        if (!this.check('value', 'flow-entry', 'flow-mapping-end')) {
          this.states.push(this.parseFlowMappingValue);
          return this.parseFlowNode();
        }
        this.state = this.parseFlowMappingValue;
        return this.empty(token.end);
      }
      if (!this.check('flow-mapping-end')) {
        this.states.push(this.parseFlowMappingEmptyValue);
        return this.parseFlowNode();
      }
    }
    const token = this.scanner.next();
    this.state = this.pop();
    return { type: 'mapping-end', end: token.end };
  }

  private readonly parseFlowMappingValue = (): YamlEvent => {
    if (this.check('value')) {
      const token = this.scanner.next();
      if (!this.check('flow-entry', 'flow-mapping-end')) {
        this.states.push(this.parseFlowMappingNextKey);
        return this.parseFlowNode();
      }
      this.state = this.parseFlowMappingNextKey;
      return this.empty(token.end);
    }
    this.state = this.parseFlowMappingNextKey;
    return this.empty(this.scanner.peek().start);
  };

  private readonly parseFlowMappingEmptyValue = (): YamlEvent => {
    this.state = this.parseFlowMappingNextKey;
    return this.empty(this.scanner.peek().start);
  };
}
