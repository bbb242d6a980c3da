import { Controller, Inject } from '@nestjs/common';
import { GetPolicy, type PublishedPolicyResponse } from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import { Route } from '../common/index.js';
import { POLICY } from './policy-config.provider.js';

@Controller()
export class PolicyController {
  constructor(@Inject(POLICY) private readonly policy: CompiledPolicy) {}

  @Route(GetPolicy)
  get(): PublishedPolicyResponse {
    const { version, text, parameters, hash, canonical } = this.policy;
    return { version, text, parameters, hash, document: canonical };
  }
}
