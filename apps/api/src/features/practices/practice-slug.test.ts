import { describe, expect, it } from 'vitest';
import { practiceSlug, reservedPortalPaths } from '@portico/contracts';

describe('practice slug', () => {
  it('accepts lowercase letters, digits and dashes, normalising case and spaces', () => {
    expect(practiceSlug.parse(' Demo-PT ')).toBe('demo-pt');
  });

  it.each(['-demo', 'demo-', 'demo_pt', 'démo', ''])('refuses %j', (slug) => {
    expect(practiceSlug.safeParse(slug).success).toBe(false);
  });

  it('refuses every path the portal uses itself, so /portal/<slug> never shadows a portal page', () => {
    for (const reserved of ['home', 'security', 'sessions', 'register', 'reset-password']) {
      expect(reservedPortalPaths).toContain(reserved);
      const result = practiceSlug.safeParse(reserved);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/reserved/);
    }
  });
});
