import { notExist } from '../../errors/oz-http-error';
import { UUID } from './input-object';

/** A path id that is not a uuid names nothing: it answers like any object that does not exist. */
export function pathId(value: string, what: string): string {
  if (!UUID.test(value)) throw notExist(what);
  return value.toLowerCase();
}
