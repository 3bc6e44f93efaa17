import { OzErrorCode } from '@forensics/domain';
import { invalidStructure, invalidValue, OzHttpError } from '../../errors/oz-http-error';

type StringRule = Readonly<{ min?: number; max: number; pattern?: RegExp; expected?: string }>;

const wrongType = (field: string, expected: string) => new OzHttpError(OzErrorCode.INVALID_TYPE, `${field} must be ${expected}`, { field });
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON object from a request, read field by field: a missing field is INVALID STRUCTURE (3),
 * a wrong type INVALID TYPE (5), a value out of its rules INVALID VALUE (4). Every error names
 * the field in `details.field`. Fields it is not asked about are ignored, as Oz does.
 */
export class InputObject {
  private constructor(
    private readonly value: Record<string, unknown>,
    private readonly path: string,
  ) {}

  /** The request body (or a part of it); anything but a JSON object is INVALID STRUCTURE. */
  static of(value: unknown, path = 'body'): InputObject {
    if (!isPlainObject(value)) throw invalidStructure(`${path} must be a JSON object`, { field: path });
    return new InputObject(value, path);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  object(key: string): InputObject;
  object(key: string, optional: 'optional'): InputObject | undefined;
  object(key: string, optional?: 'optional'): InputObject | undefined {
    const value = this.present(key, optional);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) throw wrongType(this.name(key), 'an object');
    return new InputObject(value, this.name(key));
  }

  string(key: string, rule: StringRule): string;
  string(key: string, rule: StringRule, optional: 'optional'): string | undefined;
  string(key: string, rule: StringRule, optional: 'optional' | undefined): string | undefined;
  string(key: string, rule: StringRule, optional?: 'optional'): string | undefined {
    const value = this.present(key, optional);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw wrongType(this.name(key), 'a string');
    const field = this.name(key);
    if (value.length < (rule.min ?? 0) || value.length > rule.max) throw invalidValue(`${field} must have ${rule.min ?? 0} to ${rule.max} characters`, { field });
    if (rule.pattern && !rule.pattern.test(value)) throw invalidValue(`${field} must be ${rule.expected ?? 'well formed'}`, { field });
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.present(key, 'optional');
    if (value !== undefined && typeof value !== 'boolean') throw wrongType(this.name(key), 'true or false');
    return value as boolean | undefined;
  }

  /** An optional number (a finite JSON number). */
  number(key: string): number | undefined {
    const value = this.present(key, 'optional');
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) throw wrongType(this.name(key), 'a number');
    return value as number | undefined;
  }

  /** The keys the object holds. */
  keys(): string[] {
    return Object.keys(this.value);
  }

  /** A free JSON object such as `meta_data`. */
  record(key: string): Record<string, unknown> | undefined {
    const value = this.present(key, 'optional');
    if (value !== undefined && !isPlainObject(value)) throw wrongType(this.name(key), 'an object');
    return value as Record<string, unknown> | undefined;
  }

  /** A uuid, or null when the field says null explicitly; undefined when absent. */
  uuidOrNull(key: string): string | null | undefined {
    if (this.value[key] === null) return null;
    return this.string(key, { max: 36, pattern: UUID, expected: 'a uuid' }, 'optional')?.toLowerCase();
  }

  private present(key: string, optional?: 'optional'): unknown {
    const value = this.value[key];
    if (value === undefined || (value === null && optional !== 'optional')) {
      if (optional === 'optional') return undefined;
      throw invalidStructure(`Could not locate field ${this.name(key)}`, { field: this.name(key) });
    }
    return value === null ? undefined : value;
  }

  private name(key: string): string {
    return this.path === 'body' ? key : `${this.path}.${key}`;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
