// The suite-level checks' public surface: audit, the recorder's miss messages, tests ↔ recordings.
export * from './auditFinding';
export * from './auditSuite';
export * from './cassetteConvention';
export * from './collectedTests';
export * from './missingRecording';
export * from './pythonTestSource';
export * from './recorderMessage';
export * from './recordingFacts';
export * from './rerecordCommandLine';
export * from './testIds';
