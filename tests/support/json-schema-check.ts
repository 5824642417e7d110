/**
 * Checks a value against the subset of JSON Schema (2020-12, as OpenAPI 3.1
 * uses it) that the API's OpenAPI document uses: $ref to components,
 * type, const, enum, properties, required, additionalProperties: false,
 * items, minItems, allOf, oneOf, and the uuid and date-time formats.
 * Returns the problems found, each with its path; none means it matches.
 */
type Schema = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function schemaProblems(document: Schema, schema: Schema, value: unknown, path = "$"): string[] {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const target = ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], document);
    if (!target) return [`${path}: unresolved ${ref}`];
    return schemaProblems(document, target as Schema, value, path);
  }
  const problems: string[] = [];
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as Schema[])
      problems.push(...schemaProblems(document, part, value, path));
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter(
      (part) => schemaProblems(document, part, value, path).length === 0,
    );
    if (matching.length !== 1) problems.push(`${path}: matches ${matching.length} of oneOf`);
  }
  if ("const" in schema && schema.const !== value) {
    problems.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!ok) problems.push(`${path}: ${actual} is not ${allowed.join(" or ")}`);
  }
  if (typeof value === "string") {
    if (schema.format === "uuid" && !UUID.test(value)) problems.push(`${path}: not a uuid`);
    if (schema.format === "date-time" && !DATE_TIME.test(value)) problems.push(`${path}: not a date-time`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value)) {
      problems.push(`${path}: does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) {
      problems.push(`${path}: fewer than ${schema.minItems} items`);
    }
    if (schema.items) {
      value.forEach((item, index) =>
        problems.push(...schemaProblems(document, schema.items as Schema, item, `${path}[${index}]`)),
      );
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) problems.push(`${path}: missing ${name}`);
    }
    for (const [name, item] of Object.entries(object)) {
      if (properties[name])
        problems.push(...schemaProblems(document, properties[name], item, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected ${name}`);
    }
  }
  return problems;
}
