import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  EMPTY_SETTINGS,
  effectiveCarrierKeys,
  parseSettingsPatch,
  type SettingsPatch,
  settingsView,
} from './carrier-settings.js';

const patch = (body: unknown): SettingsPatch => {
  const parsed = parseSettingsPatch(body);
  if (!parsed.ok) throw new Error(`refused: ${parsed.fields.join(', ')}`);
  return parsed.patch;
};

describe('parseSettingsPatch', () => {
  it('takes the full body and every part of it alone', () => {
    const full = {
      carriers: {
        bring: { uid: 'me@example.com', key: 'bring-key' },
        postnord: { key: 'pn-key' },
        dhl: { key: 'dhl-key' },
        seventeenTrack: { key: '17-key' },
      },
      writeBack: true,
      stalledAfterDays: 7,
    };
    expect(patch(full)).toEqual(full);
    expect(patch({})).toEqual({});
    expect(patch({ writeBack: false })).toEqual({ writeBack: false });
    expect(patch({ carriers: { dhl: null } })).toEqual({ carriers: { dhl: null } });
  });

  it.each([
    [{ writeBack: 'yes' }, ['writeBack']],
    [{ stalledAfterDays: 0 }, ['stalledAfterDays']],
    [{ stalledAfterDays: 2.5 }, ['stalledAfterDays']],
    [{ stalledAfterDays: 61 }, ['stalledAfterDays']],
    [{ carriers: { bring: { key: 'k' } } }, ['carriers.bring.uid']],
    [{ carriers: { postnord: { key: '   ' } } }, ['carriers.postnord.key']],
    [{ carriers: { ups: { key: 'k' } } }, ['carriers.ups']],
    [{ carriers: { dhl: { key: 'k', url: 'http://evil' } } }, ['carriers.dhl.url']],
    [{ writeback: true }, ['writeback']],
    [[], ['body']],
    ['text', ['body']],
  ])('refuses %j naming %j', (body, fields) => {
    expect(parseSettingsPatch(body)).toEqual({ ok: false, fields });
  });
});

describe('applySettingsPatch', () => {
  const current = {
    carriers: { bring: { uid: 'u', key: 'k' }, dhl: { key: 'd' } },
    writeBack: true,
    stalledAfterDays: 4,
  };

  it('replaces given fields, keeps absent ones, forgets a carrier set to null', () => {
    expect(
      applySettingsPatch(current, patch({ carriers: { dhl: null, postnord: { key: 'p' } } })),
    ).toEqual({
      carriers: { bring: { uid: 'u', key: 'k' }, postnord: { key: 'p' } },
      writeBack: true,
      stalledAfterDays: 4,
    });
    expect(applySettingsPatch(current, patch({ writeBack: false }))).toEqual({
      ...current,
      writeBack: false,
    });
  });
});

describe('effectiveCarrierKeys and settingsView', () => {
  const env = { bring: { uid: 'env-uid', key: 'env-key' }, postnord: { key: 'env-pn' } };

  it("in custom-app mode the environment's keys are the shop's, its own keys winning", () => {
    const settings = { ...EMPTY_SETTINGS, carriers: { postnord: { key: 'own-pn' } } };
    expect(effectiveCarrierKeys(settings, env, 'custom-app')).toEqual({
      bring: { uid: 'env-uid', key: 'env-key' },
      postnord: { key: 'own-pn' },
    });
  });

  it("in app mode only the shop's own keys count", () => {
    expect(effectiveCarrierKeys(EMPTY_SETTINGS, env, 'app')).toEqual({});
  });

  it('says which carriers are configured and never shows a key', () => {
    const settings = {
      carriers: { dhl: { key: 'secret-dhl-key' } },
      writeBack: true,
      stalledAfterDays: undefined,
    };
    const view = settingsView(settings, effectiveCarrierKeys(settings, env, 'custom-app'), 6);
    expect(view).toEqual({
      carriers: {
        bring: { configured: true },
        postnord: { configured: true },
        dhl: { configured: true },
        seventeenTrack: { configured: false },
      },
      writeBack: true,
      stalledAfterDays: 6,
    });
    expect(JSON.stringify(view)).not.toMatch(/secret-dhl-key|env-key|env-uid/);
  });

  it("uses the shop's own stalled days over the default", () => {
    const view = settingsView({ ...EMPTY_SETTINGS, stalledAfterDays: 9 }, {});
    expect(view.stalledAfterDays).toBe(9);
    expect(settingsView(EMPTY_SETTINGS, {}).stalledAfterDays).toBe(5);
  });
});
