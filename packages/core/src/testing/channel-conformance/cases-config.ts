import { expect } from 'vitest';
import { assertNoInlineSecrets } from '../../channels/inline-secrets.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { ChannelConformanceDriver } from './driver.js';
import { expectValidationNaming, thrown, requireSecrets, type ChannelCase } from './case.js';
import { inlineVariants } from './inline-variants.js';
import { expectNoLeaks } from './leak-scan.js';

const area = 'config';

/** Config validation: the driver's config passes, each invalid one is refused naming its field, inline secrets are refused. */
export function configCases(driver: ChannelConformanceDriver<unknown>): ChannelCase[] {
  const invalid: ChannelCase[] = driver.invalidConfigs.map((bad) => ({
    area,
    title: `refuses ${bad.title}, naming ${bad.field}`,
    async run(env) {
      expectValidationNaming(await thrown(env, () => env.adapter.parseConfig(bad.config(env.fixture))), bad.field);
      expectValidationNaming(await thrown(env, () => env.connect(bad.config(env.fixture))), bad.field);
      expect((await env.storage.records.list(env.workspaceId, 'channel')).items, 'a refused config stores no channel').toEqual([]);
    },
  }));
  return [
    {
      area,
      title: 'accepts the valid config, with references only, and re-parses it unchanged',
      async run(env) {
        const parsed = env.adapter.parseConfig(driver.config(env.fixture));
        expect(() => assertNoInlineSecrets(parsed, 'parsed config')).not.toThrow();
        expect(env.adapter.parseConfig(parsed), 'parseConfig of a parsed config changes nothing').toEqual(parsed);
        const channel = await env.connect();
        expect(channel.config).toEqual(parsed);
      },
    },
    ...invalid,
    {
      area,
      title: 'refuses secret values written inline instead of references',
      async run(env, skip) {
        requireSecrets(env, skip);
        const variants = inlineVariants(driver.config(env.fixture), driver.secrets);
        expect(variants.length, 'driver.config should use the references in driver.secrets as `<field>Ref` keys').toBeGreaterThan(0);
        for (const variant of variants) {
          const error = await thrown(env, () => env.connect(variant.config));
          expect(ValidationError.isInstance(error), `inline ${variant.field} should be refused with VALIDATION`).toBe(true);
          const paths = (error as ValidationError).issues.map((issue) => issue.path).join(' ');
          expect(paths, `the error should name ${variant.field}`).toContain(variant.field.split('.').pop());
        }
        expect((await env.storage.records.list(env.workspaceId, 'channel')).items).toEqual([]);
        await expectNoLeaks(env);
      },
    },
  ];
}

