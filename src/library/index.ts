/**
 * fintech-cli as a library: `import { … } from 'fintech-cli'` (docs/library.md). This file is the whole public API;
 * anything it does not export is private. Each function is a thin wrapper over the engine the commands use. Importing
 * it loads the Soldo and Solaris signing code only: node:crypto loads on the first signature, the emulator (node:http
 * & co.) on the first `startEmulator`.
 */
export { explainSoldoFingerprint, soldoFingerprint, soldoSign, soldoVerify } from './soldo.js';
export { solarisSignature, verifySolarisSignature } from './solaris.js';
export { startEmulator } from './start-emulator.js';
export type {
  EmulatorCredentials,
  EmulatorEvent,
  EmulatorOptions,
  RunningEmulator,
  SoldoExplainOptions,
  SoldoFingerprint,
  SoldoFingerprintExplanation,
  SoldoFingerprintField,
  SoldoFingerprintMistake,
  SoldoFingerprintOptions,
  SoldoRequest,
  SoldoSignOptions,
  TriggeredEvent,
  TriggerOptions,
} from './types.js';
