// Re-recording, the core part: plan from the fixture text, send through an injected transport, rewrite the response.
export * from './errors';
export * from './keyInAnswer';
export * from './layout';
export * from './normalize';
export * from './payloadDecoders';
export * from './plan';
export * from './progressText';
export * from './providerJson';
export * from './providerMatch';
export * from './providerErrors';
export * from './requestUrl';
export * from './rerecord';
export * from './responseRewrite';
export * from './testCommand';
export type * from './transport';
export * from './cassetteTest';
