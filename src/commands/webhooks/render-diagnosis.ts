import type { SignatureDiagnosis } from '../../core/webhook-explain.js';
import type { Io } from '../../io/io.js';

/** The `explanation` member of `webhooks verify --explain --json`. */
export function diagnosisJson(diagnosis: SignatureDiagnosis) {
  return {
    expected: diagnosis.expected,
    causes: diagnosis.explanations.map((mistakes) => mistakes.map(({ id, explanation }) => ({ id, explanation }))),
    tried: diagnosis.tried,
    notes: diagnosis.notes,
  };
}

/** On stderr: which common mistake reproduces the signature, or why a different secret is the likely cause. */
export function renderDiagnosis(io: Io, given: string, diagnosis: SignatureDiagnosis): void {
  const style = io.errStyle;
  io.info(`  given     ${given}\n  expected  ${diagnosis.expected}`);
  const { explanations } = diagnosis;
  if (explanations.length > 0) {
    io.info(style.bold(explanations.length === 1 ? 'Likely cause:' : 'Each of these would explain it:'));
    for (const mistakes of explanations) {
      mistakes.forEach((mistake, i) => io.info(`  ${i === 0 ? '-' : ' '} ${mistake.explanation}`));
    }
    return;
  }
  io.info(`No common mistake reproduces it (${diagnosis.tried} variants of body, secret and digest tried).`);
  for (const note of diagnosis.notes) io.info(`  - ${note}`);
}
