import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  // CI runs these beside the API suite and a browser on two cores: a render that takes 1 s there is
  // slow, not wrong. findBy*/waitFor still fail, with the same message, when the thing never comes.
  configure({ asyncUtilTimeout: 10_000 });
  afterEach(() => cleanup());
}
