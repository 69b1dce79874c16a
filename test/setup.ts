// Every test asserts: a test whose assertions all sit in branches it did not take fails instead of passing.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
