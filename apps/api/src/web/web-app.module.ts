import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../../libs/devstack/tools';

/** Where `npm run build` puts the web application (apps/web, built by Vite). */
export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

/**
 * The web application at `/`, with every unknown path answered by its index.html so that the browser's
 * router handles deep links (/dossiers/…). `/api/*` is left to the API, so an unknown API route is still
 * the API's JSON 404. Without a build (an API-only run of the tests) there is nothing to serve.
 */
export function webAppModules(root = WEB_ROOT): DynamicModule[] {
  if (!existsSync(join(root, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: root,
      exclude: ['/api/{*path}'],
      serveStaticOptions: { index: false, maxAge: '1h' },
    }),
  ];
}
