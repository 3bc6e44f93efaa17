import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import multer from 'multer';
import { toOzResponse } from './oz-exception.filter';

describe('the Oz answer to an error of the upload parsers', () => {
  // As @nestjs/platform-express wraps them: the message with " - <field>", multer's error as the cause.
  const wrapped = (code: multer.ErrorCode, field: string) => {
    const cause = new multer.MulterError(code, field);
    return code === 'LIMIT_FILE_SIZE' ? new PayloadTooLargeException(cause.message, { cause }) : new BadRequestException(`${cause.message} - ${field}`, { cause });
  };

  it.each([
    ['LIMIT_FILE_SIZE', 'photo-1', 413, 4],
    ['LIMIT_FILE_COUNT', 'photo-1', 400, 4],
    ['LIMIT_FIELD_VALUE', 'my-payload', 413, 4],
    ['LIMIT_FIELD_COUNT', 'x-1', 413, 4],
    ['LIMIT_PART_COUNT', 'x-1', 413, 4],
    ['LIMIT_FIELD_KEY', 'x-1', 400, 4],
    ['LIMIT_UNEXPECTED_FILE', 'x-1', 400, 3],
  ] as const)('given multer %s on a field with a dash (%s), then %p with code %p, naming the field', (code, field, status, errorCode) => {
    const { status: answered, body } = toOzResponse(wrapped(code, field));
    expect({ answered, code: body.error_code, details: body.details }).toEqual({ answered: status, code: errorCode, details: { field } });
  });

  it.each(['Malformed content type', 'Request aborted', 'Request closed', 'Unexpected end of form'])('given busboy or multer saying %p, then 400 with code 3', (message) => {
    expect(toOzResponse(new Error(message))).toEqual({ status: 400, body: expect.objectContaining({ error_code: 3 }) });
  });

  it('given an error nobody expected, then 500 with code 0 and nothing internal in the body', () => {
    expect(toOzResponse(new Error('connection to 10.0.0.5 refused'))).toEqual({ status: 500, body: { error_code: 0, error_message: 'Unknown server side error occurred', details: null } });
  });
});
