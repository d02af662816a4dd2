import { ConfigError, loadConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsdesk' };

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig(base)).toMatchObject({ PORT: 4000, NODE_ENV: 'development', DEMO_DATA: false, LOG_LEVEL: 'info' });
  });
  it('names each bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
    expect(() => loadConfig({})).toThrow(ConfigError);
  });
  it('refuses demo data in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
  });
  it('takes the public URLs of outputs from configuration: http(s) only, without a trailing slash', () => {
    expect(loadConfig(base).PUBLIC_API_URL).toBe('http://localhost:4000');
    expect(loadConfig(base).PUBLIC_SITE_URL).toBeUndefined();
    expect(loadConfig({ ...base, PUBLIC_API_URL: 'https://news.example.org/newsdesk//' }).PUBLIC_API_URL).toBe(
      'https://news.example.org/newsdesk',
    );
    expect(() => loadConfig({ ...base, PUBLIC_API_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_API_URL/);
    expect(() => loadConfig({ ...base, PUBLIC_SITE_URL: 'news.example.org' })).toThrow(/PUBLIC_SITE_URL/);
  });
  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together, with a long enough password', () => {
    expect(() => loadConfig({ ...base, ADMIN_EMAIL: 'ops@example.org' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ ...base, ADMIN_EMAIL: 'ops@example.org', ADMIN_PASSWORD: 'short' })).toThrow(/12 characters/);
  });
  it('reads TRUST_PROXY as a list of proxies; true means loopback only, never everybody', () => {
    expect(loadConfig(base).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ ...base, TRUST_PROXY: '172.28.0.0/24, 10.0.0.5,fd00::/8, ::1' }).TRUST_PROXY).toEqual([
      '172.28.0.0/24',
      '10.0.0.5',
      'fd00::/8',
      '::1',
    ]);
    for (const bad of ['*', 'caddy', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '300.1.1.1']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });
});
