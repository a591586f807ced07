// Redocly plugin: the Switchboard spec conventions that built-in and configurable rules cannot
// express. Loaded by specs/redocly.yaml.

const E164_PATTERN = String.raw`^\+[1-9]\d{1,14}$`;
/** Property and parameter names that hold a phone number. */
const PHONE_NUMBER_NAMES = new Set(['number', 'phoneNumber', 'phone_number']);
/** Property names that hold a credential. */
const SECRET_NAME = /(password|secret|token|api_?key)$/i;

/**
 * A phone-number field carries the E.164 pattern, or says it is not E.164 (`x-e164: false`, with a
 * description saying why: SIP usernames, vendor formats without `+`, unchecked BYO numbers).
 */
function E164Pattern() {
  const check = (schema, name, location, ctx) => {
    if (!PHONE_NUMBER_NAMES.has(name) || !schema || typeof schema !== 'object') return;
    if (schema['x-e164'] === false) {
      if (!schema.description) ctx.report({ message: `"${name}" is marked x-e164: false but its description does not say why.`, location });
      return;
    }
    if (schema.pattern !== E164_PATTERN) {
      ctx.report({ message: `Phone-number field "${name}" needs pattern '${E164_PATTERN}' (or x-e164: false with a reason).`, location });
    }
  };
  return {
    SchemaProperties: {
      enter(properties, ctx) {
        for (const [name, property] of Object.entries(properties)) {
          check(ctx.resolve(property).node, name, ctx.location.child(name), ctx);
        }
      },
    },
    Parameter: {
      enter(parameter, ctx) {
        if (parameter.schema)
          check({ description: parameter.description, ...ctx.resolve(parameter.schema).node }, parameter.name, ctx.location.child('schema'), ctx);
      },
    },
  };
}

/** A field named like a credential is marked `x-secret: true`, or explicitly `x-secret: false`. */
function SecretMarked() {
  return {
    SchemaProperties: {
      enter(properties, ctx) {
        for (const [name, property] of Object.entries(properties)) {
          const schema = ctx.resolve(property).node;
          if (!schema || typeof schema !== 'object') continue;
          const marked = schema['x-secret'];
          if (marked !== undefined && typeof marked !== 'boolean') {
            ctx.report({ message: `x-secret on "${name}" must be true or false.`, location: ctx.location.child(name) });
          } else if (SECRET_NAME.test(name) && marked === undefined) {
            ctx.report({
              message: `"${name}" looks like a credential: mark it x-secret: true (or x-secret: false if it is not one).`,
              location: ctx.location.child(name),
            });
          }
        }
      },
    },
  };
}

export default function switchboardRules() {
  return {
    id: 'switchboard',
    rules: {
      oas3: {
        'e164-pattern': E164Pattern,
        'secret-marked': SecretMarked,
      },
    },
  };
}
