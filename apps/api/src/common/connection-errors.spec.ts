import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isConnectionError } from './connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionError (503, not 500)', () => {
  it.each([
    ['57P01 admin shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['57P03 cannot connect now', withCode('57P03', 'the database system is starting up')],
    ['08006 connection failure', withCode('08006')],
    ['08001 unable to connect', withCode('08001')],
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', withCode('ECONNRESET', 'read ECONNRESET')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['connection lost under a query', new Error('Connection terminated unexpectedly')],
    ['TypeORM-wrapped', new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    ['AggregateError of refused connects', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed')],
    ['cause chain', new Error('outer', { cause: withCode('ECONNRESET') })],
    ['a transaction whose connection was lost and released', new QueryRunnerProviderAlreadyReleasedError()],
  ])('%s -> connection error', (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['invalid byte sequence', withCode('22021')],
    ['TypeORM-wrapped data error', new QueryFailedError('INSERT', [], withCode('22P02'))],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s -> not a connection error', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
