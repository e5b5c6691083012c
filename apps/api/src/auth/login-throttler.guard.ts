import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Throttles login and refresh per client address and user name, so guessing one account's password is
 * slow while colleagues behind the same office NAT can still sign in.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req.body ?? {}) as { username?: unknown };
    const username = typeof body.username === 'string' ? body.username.slice(0, 128) : '';
    return `${String(req.ip)}|${username}`;
  }
}
