import { Link } from 'react-router-dom';
import { EmptyState } from '../components/Loading';
import { usePageTitle } from '../hooks/use-page-title';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <EmptyState title="This page does not exist">
      <p>
        <Link to="/">Go home</Link>
      </p>
    </EmptyState>
  );
}
