// The core's public surface, shared by the CLI, the extension and the tests.
export * from './analysis';
export * from './analyzeFixture';
export * from './decode';
export * from './diagnostic';
export * from './dialect';
export * from './lineIndex';
export * from './reassemble';
export * from './fixtureVerdict';
export type { ContainerFormat } from './containers/types';
export { CONTAINER_FORMATS } from './containers/types';
export * from './usageTotals';
