/**
 * Whether production guards apply to an environment (built in, or the user's own: `config set <provider> --env staging
 * --production-like`), and where else a missing setting is stored, for the hint that says so. Which environments exist
 * is config-file.ts's `requireKnownEnvironment`.
 */
import { isBuiltinEnvironment, type EnvironmentName, type ProviderId } from '../environments.js';
import { type ConfigDoc, openConfig, own, type ProviderSettings, requireKnownEnvironment } from './config-file.js';

/** Production, or an environment of the user's own marked `--production-like`. */
export function isProductionLikeIn(doc: ConfigDoc, env: EnvironmentName): boolean {
  if (isBuiltinEnvironment(env)) return env === 'production';
  return own(doc.environments, env)?.production_like === true;
}

export interface EnvironmentScope {
  configDir: string;
  globals: { environment: EnvironmentName; environmentFrom?: string };
}

/**
 * Whether every production guard applies to the selected environment (the one predicate the guards ask). The config
 * file is read only for an environment of the user's own, so a built-in one never depends on it.
 */
export async function isProductionLike({ configDir, globals }: EnvironmentScope): Promise<boolean> {
  const env = globals.environment;
  if (isBuiltinEnvironment(env)) return env === 'production';
  const doc = await openConfig(configDir).read();
  requireKnownEnvironment(doc, env, globals.environmentFrom);
  return isProductionLikeIn(doc, env);
}

/** How a guard names the environment it guards: "production", or "staging (production-like)". */
export function guardedName(env: EnvironmentName): string {
  return env === 'production' ? 'production' : `${env} (production-like)`;
}

export interface Place {
  profile: string;
  env: EnvironmentName;
}

/** The other profiles and environments whose settings for `provider` pass `has`, for a "stored for … instead" hint. */
export function storedElsewhere(doc: ConfigDoc, provider: ProviderId, here: Place, has: (settings: ProviderSettings) => boolean): Place[] {
  const places: Place[] = [];
  for (const [profile, byProvider] of Object.entries(doc.profiles)) {
    for (const [env, settings] of Object.entries(byProvider[provider] ?? {})) {
      if ((profile !== here.profile || env !== here.env) && settings !== undefined && has(settings)) places.push({ profile, env });
    }
  }
  return places;
}

/** `It is stored for --emulator: add --emulator.`; undefined when it is stored nowhere else. */
export function elsewhereHint(places: readonly Place[], here: Place): string | undefined {
  if (places.length === 0) return undefined;
  const flags = places.map((place) => placeFlags(place, here));
  if (flags.length === 1) return `It is stored for ${flags[0]}: add ${flags[0]}.`;
  return `It is stored for ${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}: add the flags of the one you mean.`;
}

/** The flags that move from `here` to `place`: `--emulator`, `--profile acme`, `--env staging`… */
function placeFlags(place: Place, here: Place): string {
  const flags: string[] = [];
  if (place.profile !== here.profile) flags.push(`--profile ${place.profile}`);
  if (place.env !== here.env) flags.push(isBuiltinEnvironment(place.env) ? `--${place.env}` : `--env ${place.env}`);
  return flags.join(' ');
}
