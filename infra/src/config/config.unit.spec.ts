import { expect } from 'chai';
import { DEV_JWT_SECRET, loadConfig } from './config.js';

const SECRET = 'a-private-secret-of-at-least-32-characters!';

describe('Configuration', () => {
  describe('the JWT secret', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'hcms.example.org']) {
      it(`refuses the development secret when listening on ${host}`, () => {
        expect(() => loadConfig({ HCMS_HOST: host })).to.throw(/HCMS_JWT_SECRET must be set.*not a loopback address/);
      });
    }

    it('refuses the development secret on a public interface even outside production', () => {
      expect(() => loadConfig({ HCMS_HOST: '0.0.0.0', NODE_ENV: 'development' })).to.throw(/HCMS_JWT_SECRET/);
    });

    it('refuses the development secret set explicitly on a public interface', () => {
      expect(() => loadConfig({ HCMS_HOST: '0.0.0.0', HCMS_JWT_SECRET: DEV_JWT_SECRET })).to.throw(/HCMS_JWT_SECRET/);
    });

    it('refuses the development secret in production, even on loopback', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/HCMS_JWT_SECRET.*NODE_ENV=production/);
    });

    for (const host of ['127.0.0.1', '::1', 'localhost', undefined]) {
      it(`allows the development secret, with a warning, on loopback (${host ?? 'the default host'})`, () => {
        const config = loadConfig(host === undefined ? {} : { HCMS_HOST: host });
        expect(config.jwtSecret).to.equal(DEV_JWT_SECRET);
        expect(config.warnings.join(' ')).to.match(/development secret/);
      });
    }

    it('accepts private secrets on a public interface without a warning', () => {
      const config = loadConfig({ HCMS_HOST: '0.0.0.0', HCMS_JWT_SECRET: SECRET, HCMS_IDENTITY_KEY_SECRET: `${SECRET}-identity` });
      expect(config.jwtSecret).to.equal(SECRET);
      expect(config.identityKeySecret).to.equal(`${SECRET}-identity`);
      expect(config.warnings).to.deep.equal([]);
    });

    it('refuses the development identity-index key on a public interface, naming the variable', () => {
      expect(() => loadConfig({ HCMS_HOST: '0.0.0.0', HCMS_JWT_SECRET: SECRET })).to.throw(
        /HCMS_IDENTITY_KEY_SECRET must be set to a private secret/,
      );
    });

    it('refuses a secret shorter than 32 characters', () => {
      expect(() => loadConfig({ HCMS_JWT_SECRET: 'short' })).to.throw(/at least 32 characters/);
    });
  });

  describe('token lifetimes', () => {
    it('issues 8-hour tokens, accepts up to 12 hours and audience hcms by default', () => {
      const config = loadConfig({});
      expect(config).to.include({ tokenTtlSeconds: 8 * 3600, tokenMaxLifetimeSeconds: 12 * 3600, jwtAudience: 'hcms' });
    });

    it('takes the audience and the maximum lifetime from the environment', () => {
      const config = loadConfig({ HCMS_JWT_AUDIENCE: 'ward-7', HCMS_TOKEN_MAX_LIFETIME_SECONDS: '3600', HCMS_TOKEN_TTL_SECONDS: '900' });
      expect(config).to.include({ jwtAudience: 'ward-7', tokenMaxLifetimeSeconds: 3600, tokenTtlSeconds: 900 });
    });

    it('shortens the default lifetime of issued tokens to a lower maximum', () => {
      expect(loadConfig({ HCMS_TOKEN_MAX_LIFETIME_SECONDS: '3600' }).tokenTtlSeconds).to.equal(3600);
    });

    it('refuses an issued-token lifetime above the maximum, naming both variables', () => {
      expect(() => loadConfig({ HCMS_TOKEN_TTL_SECONDS: String(13 * 3600) })).to.throw(
        /HCMS_TOKEN_TTL_SECONDS \(46800\) must not exceed HCMS_TOKEN_MAX_LIFETIME_SECONDS \(43200\)/,
      );
    });
  });

  describe('billing', () => {
    it('bills in USD at 30 days, on UTC days, as "HCMS Clinic" by default', () => {
      expect(loadConfig({}).billing).to.deep.equal({
        currency: 'USD',
        paymentTermsDays: 30,
        timeZone: 'UTC',
        clinic: { name: 'HCMS Clinic', address: [] },
      });
    });

    it('takes the clinic from the environment, its address lines separated by |', () => {
      const { billing } = loadConfig({
        HCMS_CURRENCY: 'EUR',
        HCMS_PAYMENT_TERMS_DAYS: '14',
        HCMS_CLINIC_TIME_ZONE: 'Europe/Paris',
        HCMS_CLINIC_NAME: 'Clinique du Parc',
        HCMS_CLINIC_ADDRESS: '12 rue du Parc | 75011 Paris |',
        HCMS_CLINIC_PHONE: '+33 1 23 45 67 89',
        HCMS_CLINIC_EMAIL: 'factures@clinique.example',
        HCMS_CLINIC_TAX_ID: 'FR12345678901',
      });
      expect(billing).to.deep.equal({
        currency: 'EUR',
        paymentTermsDays: 14,
        timeZone: 'Europe/Paris',
        clinic: {
          name: 'Clinique du Parc',
          address: ['12 rue du Parc', '75011 Paris'],
          phone: '+33 1 23 45 67 89',
          email: 'factures@clinique.example',
          taxId: 'FR12345678901',
        },
      });
    });

    for (const currency of ['usd', 'XYZ', 'DOLLARS']) {
      it(`refuses to start with a currency that is not ISO 4217 (${currency}), naming the variable`, () => {
        expect(() => loadConfig({ HCMS_CURRENCY: currency })).to.throw(/HCMS_CURRENCY must be an ISO 4217 currency code/);
      });
    }

    it('refuses a time zone that does not exist, naming the variable', () => {
      expect(() => loadConfig({ HCMS_CLINIC_TIME_ZONE: 'Europe/Atlantis' })).to.throw(/HCMS_CLINIC_TIME_ZONE must be an IANA time zone/);
    });

    it('refuses payment terms that are not a whole number of days', () => {
      expect(() => loadConfig({ HCMS_PAYMENT_TERMS_DAYS: '1.5' })).to.throw(/HCMS_PAYMENT_TERMS_DAYS/);
    });
  });
});
