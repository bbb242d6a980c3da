import { Global, Module } from '@nestjs/common';
import { type Env, loadEnv } from './env.js';

export const ENV = Symbol('writ:env');

@Global()
@Module({})
export class EnvModule {
  static forRoot(env: Env = loadEnv()) {
    return { module: EnvModule, providers: [{ provide: ENV, useValue: env }], exports: [ENV] };
  }
}
