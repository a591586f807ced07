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

/**
 * The first server is the client's default base URL; every other one is a named base URL, so it
 * carries `x-region: <name>`, a name no other server has (and not `default`, the first one's).
 */
function ServerRegions() {
  return {
    Root: {
      enter(root, ctx) {
        const servers = Array.isArray(root.servers) ? root.servers : [];
        const seen = new Set(['default']);
        servers.forEach((server, index) => {
          const location = ctx.location.child(['servers', index]);
          const region = server?.['x-region'];
          if (index === 0) {
            if (region !== undefined) ctx.report({ message: 'The first server is the default base URL: it takes no x-region.', location });
            return;
          }
          if (typeof region !== 'string' || region === '') {
            ctx.report({ message: `Server ${index} is not the first: name its region with x-region: <name>.`, location });
          } else if (seen.has(region)) {
            ctx.report({
              message: `x-region "${region}" names another server too${region === 'default' ? ' (default is the first server)' : ''}.`,
              location: location.child('x-region'),
            });
          } else {
            seen.add(region);
          }
        });
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
        'server-regions': ServerRegions,
      },
    },
  };
}
