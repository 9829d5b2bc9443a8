// The operations are in account.graphql; their typed documents are generated (`npm run compose`).
export {
  ConfirmEmailChangeDocument as CONFIRM_EMAIL_CHANGE,
  DeleteAccountDocument as DELETE_ACCOUNT,
  EndSessionDocument as END_SESSION,
  MySessionsDocument as MY_SESSIONS,
  RequestEmailChangeDocument as REQUEST_EMAIL_CHANGE,
  SearchUsersDocument as SEARCH_USERS,
} from './generated';
