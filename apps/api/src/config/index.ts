// The environment, validated once at boot, and how features receive it (@Inject(ENV)).
export { Env, EnvError, loadEnv } from './env.js';
export { ENV, EnvModule } from './env.module.js';
