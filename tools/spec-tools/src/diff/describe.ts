// One human line per change, e.g. "request field number became required (POST /phone-number)".
// Built from the JSON path rather than api-smart-diff's own `description`, which is often empty
// or garbled (e.g. "[Removed] annotation (2) in Response 201 content").
import type { Diff } from 'api-smart-diff';
import { isHttpMethod } from '../openapi/operations.js';
import { at, type JsonPath, wholeEnumChange } from './merged.js';

const show = (value: unknown) => (Array.isArray(value) ? value.join('|') : typeof value === 'string' ? value : JSON.stringify(value));

/** Dotted name of a position inside a schema: properties/a/items/properties/b -> a[].b */
function fieldName(schemaPath: JsonPath): string {
  let name = '';
  for (let i = 0; i < schemaPath.length; i++) {
    if (schemaPath[i] === 'properties' && i + 1 < schemaPath.length) name += `.${schemaPath[++i]}`;
    else if (schemaPath[i] === 'items') name += '[]';
  }
  return name.replace(/^\./, '');
}

/** What a path points at, and in which operation: ["request field a.b", "POST /x"]. */
function subjectOf(path: JsonPath, merged: unknown): [string, string?] {
  if (path[0] === 'components' && path.length >= 3) {
    const field = fieldName(path.slice(3));
    return [`component ${path[1]}/${path[2]}${field ? ` field ${field}` : ''}`];
  }
  if (path[0] !== 'paths' || path.length < 3) return [path.filter((key) => typeof key === 'string').join('.') || 'document'];
  const [, route, method, area, key] = path;
  if (!isHttpMethod(method)) return [`path ${route}`];
  const operation = `${method.toUpperCase()} ${route}`;
  const schemaAt = path.indexOf('schema');
  const field = schemaAt >= 0 ? fieldName(path.slice(schemaAt + 1)) : '';
  if (area === 'parameters' && key !== undefined) {
    const param = (at(merged, path.slice(0, 5)) ?? {}) as { in?: string; name?: string };
    return [`${param.in ?? ''} parameter ${param.name ?? key}${field ? ` field ${field}` : ''}`.trim(), operation];
  }
  if (area === 'requestBody') return [field ? `request field ${field}` : 'request body', operation];
  if (area === 'responses' && key !== undefined) {
    if (schemaAt < 0) return [`response ${key}`, operation];
    return [field ? `response field ${field}` : 'response body', `${operation} -> ${key}`];
  }
  return ['operation', operation];
}

const VERBS = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' } as const;

/** One line for a change, e.g. "request field number became required (POST /phone-number)". */
export function describe(diff: Diff, merged: unknown): string {
  const { path, action, before, after } = diff;
  const last = path.at(-1);
  const parent = path.at(-2);
  const value = action === 'remove' ? before : after;
  const verb = VERBS[action];
  const exampleAt = path.findIndex((key) => key === 'examples' || key === 'example');
  const line = (target: JsonPath, text: (subject: string) => string) => {
    const [subject, where] = subjectOf(target, merged);
    const sentence = text(subject);
    return where ? `${sentence} (${where})` : sentence;
  };

  if (path[0] === 'paths' && path.length === 3 && isHttpMethod(last)) return `${verb} operation ${last.toUpperCase()} ${path[1]}`;
  if (action === 'rename') return line(path, (s) => `renamed ${show(before)} to ${show(after)} in ${s}`);
  if (exampleAt >= 0)
    return line(path.slice(0, exampleAt), (s) => `${verb} example${path[exampleAt + 1] === undefined ? '' : ` ${path[exampleAt + 1]}`} of ${s}`);
  if (parent === 'properties') {
    const required = action === 'add' && (at(merged, [...path.slice(0, -2), 'required']) as unknown[] | undefined)?.includes(last);
    return line(path, (s) => (action === 'add' ? `added ${required ? 'required' : 'optional'} ${s}` : `${verb} ${s}`));
  }
  if (parent === 'required' && typeof last === 'number') {
    return line([...path.slice(0, -2), 'properties', value as string], (s) => `${s} became ${action === 'add' ? 'required' : 'optional'}`);
  }
  if (last === 'required') return line(path.slice(0, -1), (s) => `${s} became ${action !== 'remove' && after ? 'required' : 'optional'}`);
  if (parent === 'enum') {
    const whole = wholeEnumChange(diff, merged);
    const values = show(at(merged, path.slice(0, -1)));
    return line(path.slice(0, -2), (s) => {
      if (whole) return whole === 'added' ? `restricted ${s} to the values ${values}` : `dropped the enum (${values}) of ${s}`;
      if (action === 'add') return `widened enum of ${s}: added ${show(after)}`;
      if (action === 'remove') return `narrowed enum of ${s}: removed ${show(before)}`;
      return `changed enum of ${s}: ${show(before)} -> ${show(after)}`;
    });
  }
  if (last === 'type' || (parent === 'type' && typeof last === 'number')) {
    const keyword = last === 'type';
    return line(path.slice(0, keyword ? -1 : -2), (s) => {
      if (action === 'replace') return `changed type of ${s}: ${show(before)} -> ${show(after)}`;
      if (keyword) return action === 'add' ? `restricted ${s} to type ${show(after)}` : `removed the type restriction (${show(before)}) of ${s}`;
      return `type of ${s} ${action === 'add' ? 'now also allows' : 'no longer allows'} ${show(value)}`;
    });
  }
  if (last === 'deprecated') return line(path.slice(0, -1), (s) => `${action !== 'remove' && after ? 'deprecated' : 'un-deprecated'} ${s}`);
  if ((parent === 'oneOf' || parent === 'anyOf') && typeof last === 'number') return line(path.slice(0, -2), (s) => `${verb} a ${parent} variant of ${s}`);
  if (path[0] === 'paths' && ['parameters', 'responses'].includes(String(path[3])) && path.length === 5) {
    return line(path, (s) => `${verb} ${action === 'add' && (value as { required?: unknown } | undefined)?.required ? 'required ' : ''}${s}`);
  }
  if (path[0] === 'components' && path.length === 3) return line(path, (s) => `${verb} ${s}`);
  const scalar = (v: unknown) => v === undefined || typeof v !== 'object';
  const outsideOperations = path[0] !== 'paths' && !(path[0] === 'components' && path.length > 3);
  const values =
    action === 'replace' && scalar(before) && scalar(after) && !['description', 'summary', 'title'].includes(String(last)) && `${before}${after}`.length < 80
      ? `: ${show(before)} -> ${show(after)}`
      : '';
  if (outsideOperations) return `${verb} ${path.join('.')}${values}`;
  return line(path.slice(0, -1), (s) => `${verb} ${last} of ${s}${values}`);
}
