// Users (list with filters, create SSO users, update profiles / custom locations), user and location profiles.

import { findLocation } from '../estate/lookup';
import { Rng } from '../estate/rng';
import type { User } from '../estate/types';
import type { SimContext } from '../http/context';
import { HttpError } from '../http/errors';
import { isRecord, requireObject, sendJson } from '../http/json';
import type { Router } from '../http/router';
import { sendV1Page } from './paging';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function userView(u: User): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: u.type,
    name: u.name,
    email: u.email,
    id: u.id,
    disabled: u.disabled,
    user_profile_id: u.user_profile_id,
  };
  if (u.location_ids) out.location_ids = [...u.location_ids];
  else out.location_profile_id = u.location_profile_id;
  out.last_sign_in_at = u.last_sign_in_at;
  out.current_sign_in_at = u.current_sign_in_at;
  out.invitation_accepted = u.invitation_accepted;
  out.invitation_locale = u.invitation_locale;
  return out;
}

export function register(router: Router, ctx: SimContext): void {
  const { estate } = ctx;
  const ids = new Rng(estate.seed ^ 0x05e75);

  const checkProfiles = (b: Record<string, unknown>): void => {
    if (b.user_profile_id !== undefined && !estate.userProfiles.some((p) => p.id === b.user_profile_id)) {
      throw new HttpError(400, `user profile ${String(b.user_profile_id)} does not exist`);
    }
    if (b.location_profile_id !== undefined && b.location_ids !== undefined) {
      throw new HttpError(400, 'send either location_profile_id or location_ids, not both');
    }
    if (b.location_profile_id !== undefined && !estate.locationProfiles.some((p) => p.id === b.location_profile_id)) {
      throw new HttpError(400, `location profile ${String(b.location_profile_id)} does not exist`);
    }
    if (b.location_ids !== undefined) {
      if (!Array.isArray(b.location_ids) || b.location_ids.length === 0 || b.location_ids.some((x) => typeof x !== 'string')) {
        throw new HttpError(400, 'location_ids must be a non-empty list of location UUIDs');
      }
      const missing = (b.location_ids as string[]).find((id) => !findLocation(estate, id));
      if (missing) throw new HttpError(400, `location ${missing} does not exist`);
    }
  };

  router.get('retailnext', '/v1/users', 'users.list', (r) => {
    const type = r.query.get('type')?.toLowerCase();
    const email = r.query.get('email')?.toLowerCase();
    if (type !== undefined && type !== 'local' && type !== 'sso') throw new HttpError(400, 'type must be local or SSO');
    const users = estate.users.filter((u) => (type === undefined || u.type === type) && (email === undefined || u.email.toLowerCase() === email));
    sendV1Page(r, users, (page) => ({ users: page.map(userView) }));
  });

  router.post('retailnext', '/v1/users', 'users.create', async (r) => {
    const body = requireObject(await r.json());
    const u = requireObject(body.user, 'user');
    if (typeof u.email !== 'string' || !EMAIL.test(u.email)) throw new HttpError(400, 'user.email is required and must be an email address');
    if (typeof u.type !== 'string' || u.type.toLowerCase() !== 'sso') throw new HttpError(400, 'user.type is required; only "sso" users can be created');
    if (u.name !== undefined && typeof u.name !== 'string') throw new HttpError(400, 'user.name must be a string');
    if (u.disabled !== undefined && typeof u.disabled !== 'boolean') throw new HttpError(400, 'user.disabled must be true or false');
    // This subscription manages permissions on the Users page: profiles are required.
    if (u.user_profile_id === undefined) throw new HttpError(400, 'user.user_profile_id is required (permissions are managed on the Users page)');
    if (u.location_profile_id === undefined && u.location_ids === undefined) throw new HttpError(400, 'user.location_profile_id or user.location_ids is required');
    checkProfiles(u);
    const email = u.email;
    if (estate.users.some((x) => x.email.toLowerCase() === email.toLowerCase())) throw new HttpError(409, `a user with email ${email} already exists`);
    const user: User = {
      type: 'sso',
      name: typeof u.name === 'string' && u.name !== '' ? u.name : email,
      email,
      id: ids.uuid(),
      disabled: u.disabled === true,
      user_profile_id: u.user_profile_id as string,
      last_sign_in_at: null,
      current_sign_in_at: null,
      invitation_accepted: false,
      invitation_locale: 'en_US',
    };
    if (Array.isArray(u.location_ids)) user.location_ids = [...(u.location_ids as string[])];
    else user.location_profile_id = u.location_profile_id as string;
    estate.users.push(user);
    // The create example answers only these fields.
    const view: Record<string, unknown> = { type: user.type, name: user.name, email: user.email, id: user.id, disabled: user.disabled, user_profile_id: user.user_profile_id };
    if (user.location_ids) view.location_ids = user.location_ids;
    else view.location_profile_id = user.location_profile_id;
    sendJson(r.res, 200, { user: view });
  });

  router.put('retailnext', '/v1/users/:id', 'users.update', async (r) => {
    const user = estate.users.find((u) => u.id === r.params.id);
    if (!user) throw new HttpError(404, `user ${r.params.id} not found`);
    const raw = requireObject(await r.json());
    const body = isRecord(raw.user) ? raw.user : raw;
    // The document lists the profile fields; name and disabled (the create call's) are taken too,
    // since the API has no delete and a user leaves by being disabled.
    const allowed = ['user_profile_id', 'location_profile_id', 'location_ids', 'name', 'disabled'];
    const unknown = Object.keys(body).find((k) => !allowed.includes(k));
    if (unknown) throw new HttpError(400, `"${unknown}" cannot be updated (only ${allowed.join(', ')})`);
    if (Object.keys(body).length === 0) throw new HttpError(400, 'nothing to update');
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) throw new HttpError(400, 'name must be a non-empty string');
    if (body.disabled !== undefined && typeof body.disabled !== 'boolean') throw new HttpError(400, 'disabled must be true or false');
    if (body.user_profile_id !== undefined && typeof body.user_profile_id !== 'string') throw new HttpError(400, 'user_profile_id must be a string');
    if (body.location_profile_id !== undefined && typeof body.location_profile_id !== 'string') throw new HttpError(400, 'location_profile_id must be a string');
    checkProfiles(body);
    if (typeof body.name === 'string') user.name = body.name;
    if (typeof body.disabled === 'boolean') user.disabled = body.disabled;
    if (typeof body.user_profile_id === 'string') user.user_profile_id = body.user_profile_id;
    if (typeof body.location_profile_id === 'string') {
      user.location_profile_id = body.location_profile_id;
      delete user.location_ids;
    }
    if (Array.isArray(body.location_ids)) {
      user.location_ids = [...(body.location_ids as string[])];
      delete user.location_profile_id;
    }
    sendJson(r.res, 200, { user: userView(user) });
  });

  router.get('retailnext', '/v1/user_profiles', 'profiles.users', (r) => {
    sendV1Page(r, estate.userProfiles, (page) => ({ user_profiles: page }));
  });
  router.get('retailnext', '/v1/user_profiles/:id', 'profiles.user', (r) => {
    const p = estate.userProfiles.find((x) => x.id === r.params.id);
    if (!p) throw new HttpError(404, `user profile ${r.params.id} not found`);
    sendJson(r.res, 200, { user_profiles: [p] });
  });
  router.get('retailnext', '/v1/location_profiles', 'profiles.locations', (r) => {
    sendV1Page(r, estate.locationProfiles, (page) => ({ location_profiles: page }));
  });
  router.get('retailnext', '/v1/location_profiles/:id', 'profiles.location', (r) => {
    const p = estate.locationProfiles.find((x) => x.id === r.params.id);
    if (!p) throw new HttpError(404, `location profile ${r.params.id} not found`);
    sendJson(r.res, 200, { location_profiles: [p] });
  });
}
