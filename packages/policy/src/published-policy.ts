import { compilePolicy } from './compile-policy.js';
import type { PolicyConfig, PolicyParameters } from './policy-config.js';

export type PublishedPolicy = {
  version: string;
  /** The Markdown policy text. */
  text: string;
  parameters: PolicyParameters;
  /** Hex SHA-256 of `document`; the hash stored with every decision. */
  hash: string;
  /** The exact RFC 8785 canonical JSON that was hashed, so anyone can recompute `hash`. */
  document: string;
};

/** What GET /policy serves (docs/POLICY.md, "Deny by default, explain always"). Throws PolicyConfigError if invalid. */
export function publishedPolicy(config: PolicyConfig): PublishedPolicy {
  const policy = compilePolicy(config);
  return {
    version: policy.version,
    text: policy.text,
    parameters: policy.parameters,
    hash: policy.hash,
    document: policy.canonical,
  };
}

/** Hex SHA-256 of the RFC 8785 canonical policy document for this configuration. */
export function policyHash(config: PolicyConfig): string {
  return compilePolicy(config).hash;
}
