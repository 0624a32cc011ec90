import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { assertBankId } from './names';
import { objectBody, stringParam } from './request-fields';
import type { CommunityPort, WebHost } from './web-host';

/**
 * Community banks for the panel:
 * GET /api/registries (the rack's registries and the install in progress); POST /api/registries
 * {registries} (replaces them; saved in a user's rack file); GET /api/registries/banks?registry=URL
 * (the registry's banks: name, author, licence, size, entries); GET
 * /api/registries/preview?registry=URL&bank=ID (the first entries' curves on 0..1 axes); POST
 * /api/registries/install {registry, bank, force?} (installed and verified as `bank install` does).
 * A registry must be one the rack names.
 */
export function registerRegistryRoutes(app: FastifyInstance, host: WebHost): void {
  const community = (where: string): CommunityPort => {
    if (!host.community) throw new NeurorackError('NR_WEB_HOST_NOT_WIRED', `${where}: this host has no community bank registries`);
    return host.community;
  };

  app.get('/api/registries', async () => {
    const c = community('GET /api/registries');
    return { registries: c.registries(), progress: c.progress };
  });

  app.post('/api/registries', async (request) => {
    const body = objectBody(request.body, 'POST /api/registries');
    return community('POST /api/registries').setRegistries(body.registries);
  });

  app.get('/api/registries/banks', async (request) => {
    const registry = stringParam(request.query, 'registry', 'GET /api/registries/banks');
    return community('GET /api/registries/banks').list(registry);
  });

  app.get('/api/registries/preview', async (request) => {
    const where = 'GET /api/registries/preview';
    const registry = stringParam(request.query, 'registry', where);
    const bank = stringParam(request.query, 'bank', where);
    assertBankId(bank, where);
    return community(where).preview(registry, bank);
  });

  app.post('/api/registries/install', async (request) => {
    const where = 'POST /api/registries/install';
    const body = objectBody(request.body, where);
    const registry = stringParam(body, 'registry', where);
    const bank = stringParam(body, 'bank', where);
    assertBankId(bank, where);
    return community(where).install(registry, bank, body.force === true);
  });
}
