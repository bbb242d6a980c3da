import { z } from 'zod';
import { AUDIT_ACTIONS } from './actions.js';
import type { AuditActionSpec } from './define-action.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
};

function typeName(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (schema.anyOf) return [...new Set(schema.anyOf.map(typeName))].join(' or ');
  if (schema.format === 'date-time') return 'timestamp';
  if (schema.type === 'array') return `list of ${schema.items ? typeName(schema.items) : 'values'}`;
  if (schema.type === 'object') {
    if (schema.properties) return `{ ${Object.keys(schema.properties).join(', ')} }`;
    return 'map';
  }
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? 'any value';
}

/** The fields of an object schema, merging the branches of a union (a field in only some is optional). */
function fields(schema: JsonSchema): { name: string; type: string; required: boolean }[] {
  const branches = schema.anyOf ?? schema.allOf ?? [schema];
  const found = new Map<string, { types: Set<string>; requiredIn: number }>();
  for (const branch of branches) {
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      const entry = found.get(name) ?? { types: new Set<string>(), requiredIn: 0 };
      entry.types.add(typeName(property));
      if (branch.required?.includes(name)) entry.requiredIn += 1;
      found.set(name, entry);
    }
    if (branch.propertyNames?.pattern)
      found.set(`${branch.propertyNames.pattern.replace(/^\^/, '')}…`, { types: new Set(['text']), requiredIn: 0 });
    else if (!branch.properties && branch.additionalProperties)
      found.set('(any name)', { types: new Set(['text']), requiredIn: 0 });
  }
  const combined = schema.anyOf ? branches.length : 1;
  return [...found].map(([name, entry]) => ({
    name,
    type: [...entry.types].join(' or '),
    required: entry.requiredIn === combined && !schema.allOf,
  }));
}

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** docs/AUDIT-ACTIONS.md, generated from the declaration (npm run docs:audit; a test fails when it is stale). */
export function renderAuditActionsDoc(): string {
  const lines = [
    '# Audit actions',
    '',
    '<!-- Generated from packages/contracts/src/audit by `npm run docs:audit`. Do not edit by hand. -->',
    '',
    'Every audit event becomes a public transparency-log leaf (see `TLOG.md` beside this file): `at`, `actor` (`staff:<id>`,',
    '`system:<name>` or `public`), `action`, `subject` `{ type, id }`, the public `details` below, and',
    '`commitments`: for each personal identifier, SHA-256(salt ‖ value), whose salt only auditors hold. No other',
    'field can reach a leaf: the API refuses an event whose details or personal identifiers are not declared here.',
    '',
  ];
  for (const [action, spec] of Object.entries(AUDIT_ACTIONS) as [string, AuditActionSpec][]) {
    lines.push(`## \`${action}\``, '', spec.summary, '', `Subject: \`${spec.subject}\`.`, '');
    const details = fields(toJson(spec.details));
    if (details.length === 0) lines.push('Public details: none.', '');
    else {
      lines.push('| public detail | type | always present |', '|---|---|---|');
      for (const field of details)
        lines.push(`| \`${field.name}\` | ${field.type} | ${field.required ? 'yes' : 'no'} |`);
      lines.push('');
    }
    const personal = fields(toJson(spec.personal)).map((field) => `\`${field.name}\``);
    lines.push(`Committed (personal): ${personal.length === 0 ? 'none' : personal.join(', ')}.`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
