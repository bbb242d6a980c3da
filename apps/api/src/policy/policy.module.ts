import { Global, Module } from '@nestjs/common';
import { PolicyController } from './policy.controller.js';
import { policyProvider, POLICY } from './policy-config.provider.js';

@Global()
@Module({ controllers: [PolicyController], providers: [policyProvider], exports: [POLICY] })
export class PolicyModule {}
