import argon2 from 'argon2';

/**
 * Passwords are hashed with Argon2id (the OWASP-recommended KDF) at the library's defaults
 * (64 MiB, 3 passes, parallelism 4): slow enough to make offline guessing expensive.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the user is unknown, so a miss costs the same time as a wrong password. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password');
  return dummy;
}
