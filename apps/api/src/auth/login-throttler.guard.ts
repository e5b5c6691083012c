import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Throttles login and refresh per client address and user name, so guessing one account's password is
 * slow while colleagues behind the same office NAT can still sign in. A refresh carries no user name: it is
 * counted per address and refresh token, so an office whose tabs all refresh at the top of the hour is not
 * one bucket, while one token replayed in a loop still is.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req.body ?? {}) as { username?: unknown; refreshToken?: unknown };
    if (typeof body.username === 'string') return `${String(req.ip)}|${body.username.slice(0, 128)}`;
    if (typeof body.refreshToken === 'string') {
      const token = createHash('sha256').update(body.refreshToken.slice(0, 512)).digest('hex');
      return `${String(req.ip)}|refresh:${token}`;
    }
    return `${String(req.ip)}|`;
  }
}
