import { useEffect, useId, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';

/** The header's people search: the results live at /search?q=, so they can be linked and reloaded. */
export function SearchBox() {
  const id = useId();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(current);

  // Back and forward between searches show the search of the page in the box.
  useEffect(() => setText(current), [current]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (query) void navigate(`/search?q=${encodeURIComponent(query)}`);
  }

  return (
    <form role="search" className="search-box" onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        Search people
      </label>
      <input
        id={id}
        type="search"
        name="q"
        placeholder="Search people"
        autoComplete="off"
        maxLength={50}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--small">
        Search
      </button>
    </form>
  );
}
