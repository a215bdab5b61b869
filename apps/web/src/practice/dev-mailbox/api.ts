import { mailboxResponse } from '@portico/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../ui/api-client.ts';

export const mailboxQuery = (page: number) =>
  queryOptions({
    queryKey: ['dev-mailbox', page],
    queryFn: ({ signal }) =>
      api('/api/practice/dev-mailbox', mailboxResponse, { query: { page }, signal }),
    placeholderData: keepPreviousData,
  });
