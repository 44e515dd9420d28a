import type { Knex } from 'knex';
import type { CampaignEvent, CampaignManager } from '../../../domain/giving/campaigns/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';

/* A campaign's own events; its totals are moved by the donations it is given (see ../donations/projection.ts). */

const managerRows = (campaignId: string, programId: string, managers: readonly CampaignManager[]) =>
  managers.map((m, position) => ({
    campaign_id: campaignId,
    position,
    program_id: programId,
    user_id: m.userId,
    first_name: m.firstName,
    last_name: m.lastName,
    email: m.email,
    phone: m.phone,
    picture: m.picture,
    url: m.url,
  }));

export async function applyCampaign(trx: Knex.Transaction, parsed: CampaignEvent, event: RecordedEvent): Promise<void> {
  const version = event.revision.toString();
  switch (parsed.type) {
    case 'CampaignCreated': {
      const { campaignId, programId, currency, details, createdAt } = parsed.data;
      const inserted = await trx('rm_giving_campaigns')
        .insert({
          id: campaignId,
          program_id: programId,
          title: details.title,
          description: details.description,
          slug: details.slug,
          goal: details.goal,
          currency,
          start_at: details.startAt,
          end_at: details.endAt,
          url: details.url,
          image: details.image === null ? null : JSON.stringify(details.image),
          status: 'active',
          created_at: createdAt,
          updated_at: createdAt,
          version,
        })
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length > 0 && details.managers.length > 0)
        await trx('rm_giving_campaign_managers').insert(managerRows(campaignId, programId, details.managers));
      return;
    }
    case 'CampaignUpdated': {
      const { campaignId, changes, updatedAt } = parsed.data;
      const columns = {
        title: changes.title,
        description: changes.description,
        slug: changes.slug,
        goal: changes.goal,
        start_at: changes.startAt,
        end_at: changes.endAt,
        url: changes.url,
        image: changes.image === undefined ? undefined : changes.image === null ? null : JSON.stringify(changes.image),
      };
      const updated = await trx('rm_giving_campaigns')
        .where({ id: campaignId })
        .andWhere('version', '<', version)
        .update({
          ...Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)),
          updated_at: updatedAt,
          version,
        })
        .returning('program_id');
      const programId = (updated[0] as { program_id: string } | undefined)?.program_id;
      if (programId && changes.managers) {
        await trx('rm_giving_campaign_managers').where({ campaign_id: campaignId }).delete();
        if (changes.managers.length > 0)
          await trx('rm_giving_campaign_managers').insert(managerRows(campaignId, programId, changes.managers));
      }
      return;
    }
    case 'CampaignArchived': {
      const { campaignId, archivedAt } = parsed.data;
      await trx('rm_giving_campaigns')
        .where({ id: campaignId })
        .andWhere('version', '<', version)
        .update({ status: 'archived', archived_at: archivedAt, updated_at: archivedAt, version });
      return;
    }
  }
}
