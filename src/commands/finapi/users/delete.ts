import { guardedName, isProductionLike } from '../../../config/custom-environments.js';
import { UsageError } from '../../../errors.js';
import { deleteUser } from '../../../providers/finapi/users.js';
import type { RunContext } from '../../../run-context.js';
import { defineCommand } from '../../spec.js';
import { passwordStdinOption, readUserAuth, userOption } from '../../shared/finapi-user-auth.js';

export default defineCommand({
  path: ['finapi', 'users', 'delete'],
  summary: 'Delete a finAPI Access user, for good (with its own token)',
  description:
    "Delete a finAPI Access user and all its data with the user's own token; this cannot be undone. Asks for " +
    'confirmation on a terminal; scripts pass --yes, and production always needs --yes. The cached tokens of the ' +
    'user are forgotten afterwards.',
  options: [{ ...userOption, required: true }, passwordStdinOption, { flags: '-y, --yes', description: 'delete without asking (needed without a terminal, and always in production)' }],
  examples: [
    'fintech-cli finapi users delete --user alice',
    'printf %s "$PASSWORD" | fintech-cli finapi users delete --user alice --password-stdin --yes',
  ],
  async run({ opts }, cx) {
    const { user } = opts;
    await confirmDeletion(cx, user, opts.yes);
    await deleteUser(cx.provider('finapi'), (await readUserAuth(opts, cx)) ?? { user });
    if (cx.globals.json) cx.io.json({ user, deleted: true });
    else cx.io.info(`${cx.io.errStyle.green('✓')} Deleted finAPI user "${user}" (${cx.globals.environment}) and forgot its cached tokens.`);
  },
});

async function confirmDeletion(cx: RunContext, user: string, yes: boolean): Promise<void> {
  if (yes) return;
  const { environment } = cx.globals;
  if (await isProductionLike(cx)) {
    throw new UsageError(`Deleting a finAPI user in ${guardedName(environment)} needs --yes.`, { hint: `Check the user id, then run again with --yes to delete "${user}" for good.` });
  }
  const prompter = await cx.prompterOr(`Add --yes to delete user "${user}" without a question.`);
  const sure = await prompter.confirm({ message: `Delete finAPI user "${user}" (${environment}) and all its data? This cannot be undone.`, default: false });
  if (!sure) throw new UsageError(`Cancelled: finAPI user "${user}" was not deleted.`, { code: 'cancelled' });
}
