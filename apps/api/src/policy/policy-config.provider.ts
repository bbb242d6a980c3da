import { compilePolicy, type CompiledPolicy } from '@writ/policy';
import { type Env, ENV } from '../config/index.js';

export const POLICY = Symbol('writ:policy');

/** The policy in force, compiled once at boot: a bad parameter stops the server instead of denying everything. */
export const policyProvider = {
  provide: POLICY,
  inject: [ENV],
  useFactory: (env: Env): CompiledPolicy =>
    compilePolicy({
      acceptedCountries: env.POLICY_ACCEPTED_COUNTRIES,
      acceptedJurisdictions: env.POLICY_ACCEPTED_JURISDICTIONS,
      maxWindowDays: env.POLICY_MAX_WINDOW_DAYS,
    }),
};
